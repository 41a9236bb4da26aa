package dev.ccbackend.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in this namespace. */
public class SecretKey {
    @Required
    @JsonPropertyDescription("Name of the Secret.")
    public String secretName;

    @JsonPropertyDescription("Key holding the go-sql-driver DSN, e.g. user:pass@tcp(host:3306)/db. Default dsn.")
    public String key = "dsn";
}
