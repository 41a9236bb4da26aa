package dev.ccbackend.operator.kube;

import dev.ccbackend.operator.api.CcBackendUpgradeSpec;
import dev.ccbackend.operator.api.DatabaseDriver;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the data is inside a migration pod: every distinct claim is mounted at
 * {@code /data/<claimName>}, the config ConfigMap at {@code /config}, scratch space at {@code /tmp}.
 */
public final class DataVolumes {
    public static final String DATA_ROOT = "/data/";
    public static final String CONFIG_DIR = "/config";
    public static final String TMP_DIR = "/tmp";
    /** The .env Secret is mounted here; its key must be {@code .env}. */
    public static final String ENV_DIR = "/env";
    public static final String ENV_FILE = ENV_DIR + "/.env";
    static final String ENV_VOLUME = "env";
    static final String CONFIG_VOLUME = "config";
    static final String TMP_VOLUME = "tmp";

    private final CcBackendUpgradeSpec spec;

    public DataVolumes(CcBackendUpgradeSpec spec) {
        this.spec = spec;
    }

    /** The claims the upgrade reads or writes, sorted, each once. */
    public Set<String> claims() {
        Set<String> claims = new TreeSet<>();
        if (spec.database.driver == DatabaseDriver.SQLITE3) {
            claims.add(spec.database.sqlite.claimName);
        }
        if (spec.database.convertsToSqlite()) {
            claims.add(spec.database.convertToSqlite.claimName);
        }
        claims.add(spec.archive.claimName);
        return claims;
    }

    /**
     * The database argument: a path for SQLite; for MySQL the name of the variable holding the DSN
     * from the Secret ({@code env:CC_DB_DSN}), so the password never appears in the pod's args.
     */
    public String databaseArg() {
        return spec.database.driver == DatabaseDriver.SQLITE3
                ? onClaim(spec.database.sqlite.claimName, spec.database.sqlite.path)
                : "env:" + MigrationJobBuilder.DSN_ENV;
    }

    /** The SQLite file a MariaDB database is converted into (spec.database.convertToSqlite). */
    public String convertedDatabaseArg() {
        return onClaim(spec.database.convertToSqlite.claimName, spec.database.convertToSqlite.path);
    }

    public String archiveArg() {
        return onClaim(spec.archive.claimName, spec.archive.path);
    }

    /** A path on a claim as the Jobs see it, normalized: {@code archive/} and {@code archive/.} are {@code archive}. */
    private static String onClaim(String claim, String path) {
        return java.nio.file.Path.of(DATA_ROOT + claim, path).normalize().toString();
    }

    public String configArg() {
        return CONFIG_DIR + "/" + spec.config.key;
    }

    public List<Volume> volumes(boolean withConfig) {
        List<Volume> volumes = new ArrayList<>();
        for (String claim : claims()) {
            volumes.add(new VolumeBuilder().withName(volumeName(claim))
                    .withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().build());
        }
        if (withConfig) {
            volumes.add(new VolumeBuilder().withName(CONFIG_VOLUME)
                    .withNewConfigMap().withName(spec.config.configMapName).endConfigMap().build());
            if (spec.config.envSecretName != null) {
                volumes.add(new VolumeBuilder().withName(ENV_VOLUME)
                        .withNewSecret().withSecretName(spec.config.envSecretName).endSecret().build());
            }
        }
        volumes.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
        return volumes;
    }

    public List<VolumeMount> mounts(boolean readOnly, boolean withConfig) {
        List<VolumeMount> mounts = new ArrayList<>();
        for (String claim : claims()) {
            mounts.add(new VolumeMountBuilder().withName(volumeName(claim)).withMountPath(DATA_ROOT + claim)
                    .withReadOnly(readOnly).build());
        }
        if (withConfig) {
            mounts.add(new VolumeMountBuilder().withName(CONFIG_VOLUME).withMountPath(CONFIG_DIR).withReadOnly(true).build());
            if (spec.config.envSecretName != null) {
                mounts.add(new VolumeMountBuilder().withName(ENV_VOLUME).withMountPath(ENV_DIR).withReadOnly(true).build());
            }
        }
        mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath(TMP_DIR).build());
        return mounts;
    }

    static String volumeName(String claim) {
        return Names.volume(claim);
    }
}
