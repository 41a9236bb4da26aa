package dev.ccbackend.migrator.plan;

import dev.ccbackend.migrator.catalog.Release;
import dev.ccbackend.migrator.catalog.Version;
import dev.ccbackend.migrator.config.ConversionResult;
import dev.ccbackend.migrator.config.UnmappedKey;

/** What in config.json and .env stops the target from starting. */
final class ConfigChecks {
    /** Earlier releases fell back to a random session key; v1.5.4 stops instead. */
    private static final Version SESSION_KEY_REQUIRED_FROM = Version.parse("v1.5.4");

    private ConfigChecks() {
    }

    static void check(PlanInputs in, Release target, Findings f) {
        if (in.configError() != null) {
            f.block(BlockerCode.CONFIG_UNCONVERTIBLE, "cannot read the config: " + in.configError(),
                    "check --config: it must be cc-backend's config.json");
        }
        ConversionResult config = in.config();
        if (config != null) {
            for (String error : config.errors()) {
                f.block(BlockerCode.CONFIG_UNCONVERTIBLE, "config: " + error, "fix the value in " + in.configPath() + " and plan again");
            }
            for (UnmappedKey key : config.unmapped()) {
                f.warn("config key " + key.key() + " is not carried over: " + key.reason());
            }
            config.warnings().forEach(w -> f.warn("config: " + w));
        } else if (in.configError() == null) {
            f.warn("no --config given: the config is neither checked nor converted");
        }
        if (target.configFormat().isSectioned()) {
            checkEnvFile(in, target, f);
        }
    }

    private static void checkEnvFile(PlanInputs in, Release target, Findings f) {
        if (Boolean.FALSE.equals(in.envFilePresent())) {
            f.block(BlockerCode.ENV_FILE_MISSING, target.name() + " refuses to start without a .env file in its working directory",
                    "create .env next to config.json (an empty file is enough; with authentication on, put SESSION_KEY in it)");
        } else if (in.envFilePresent() == null) {
            f.warn(target.name() + " refuses to start without ./.env (an empty one is fine): pass --env-file to check it");
        }
        if (Boolean.FALSE.equals(in.envSessionKey()) && target.version().compareTo(SESSION_KEY_REQUIRED_FROM) >= 0) {
            f.warn("the .env sets no SESSION_KEY: " + target.name() + " refuses to start with authentication enabled"
                    + " unless SESSION_KEY (base64, 32 random bytes) is in .env or the environment");
        }
    }
}
