// Runs cc-migrator's sample archive generator (the `generate archive` command) from the jar:
//   java -cp migrator-image/target/cc-migrator.jar bench/archive-generate.java --out DIR --jobs N --version 2 ...
import dev.ccbackend.migrator.cli.GenerateArchiveCommand;
import picocli.CommandLine;

class ArchiveGenerate {
    public static void main(String[] args) {
        System.exit(new CommandLine(new GenerateArchiveCommand()).execute(args));
    }
}
