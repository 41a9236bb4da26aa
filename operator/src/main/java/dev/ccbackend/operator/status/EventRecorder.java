package dev.ccbackend.operator.status;

import dev.ccbackend.operator.api.CcBackendUpgrade;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Emits core/v1 Events on the CcBackendUpgrade. An Event that cannot be written is logged, never fatal. */
public class EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    static final String COMPONENT = "cc-upgrade-operator";

    private final KubernetesClient client;
    private final Clock clock;
    private final AtomicLong counter = new AtomicLong();

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(CcBackendUpgrade cr, String reason, String message) {
        emit(cr, "Normal", reason, message);
    }

    public void warning(CcBackendUpgrade cr, String reason, String message) {
        emit(cr, "Warning", reason, message);
    }

    private void emit(CcBackendUpgrade cr, String type, String reason, String message) {
        String now = clock.instant().toString();
        String ns = cr.getMetadata().getNamespace();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(cr.getMetadata().getName() + "." + Long.toHexString(clock.millis()) + counter.incrementAndGet())
                .withNamespace(ns)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(cr.getApiVersion()).withKind(cr.getKind()).withName(cr.getMetadata().getName())
                .withNamespace(ns).withUid(cr.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(ns).resource(event).create();
        } catch (RuntimeException e) {
            LOG.warn("cannot record event {} {}: {}", reason, message, e.getMessage());
        }
    }
}
