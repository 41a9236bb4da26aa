package dev.ccbackend.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Asks the operator to upgrade one cc-backend Deployment, its database, job archive and config. */
@Group("cc-backend.dev")
@Version("v1alpha1")
@ShortNames("ccup")
@AdditionalPrinterColumn(name = "From", jsonPath = ".status.fromVersion", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "To", jsonPath = ".spec.version", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Step", jsonPath = ".status.currentStep", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Plan", jsonPath = ".status.plan.hash", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class CcBackendUpgrade extends CustomResource<CcBackendUpgradeSpec, CcBackendUpgradeStatus> implements Namespaced {

    @Override
    protected CcBackendUpgradeStatus initStatus() {
        return new CcBackendUpgradeStatus();
    }
}
