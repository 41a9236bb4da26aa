package dev.ccbackend.operator;

public class CcUpgradeOperator {
    public static void main(String[] args) {}
}
