package dev.ccbackend.operator.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.api.PlanSummary;
import dev.ccbackend.operator.demo.DemoInstallation;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConvertConfigStepTest {
    static final ConfigConversion SECTIONED = (config, release, db) -> {
        ObjectNode out = config.objectNode();
        out.putObject("main").set("addr", config.get("addr"));
        return new ConfigConversion.Converted(out, List.of("main.addr checked"));
    };

    final StepFixture f = new StepFixture();

    @BeforeEach
    void plan() {
        f.cr.getStatus().plan = new PlanSummary();
        f.cr.getStatus().plan.convertConfig = true;
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void writesTheConvertedConfigIntoANewDeterministicConfigMapAndKeepsTheOld() {
        StepResult first = new ConvertConfigStep(SECTIONED).run(f.context(Phase.ConvertingConfig));
        String name = f.cr.getStatus().newConfigMap;
        StepResult again = new ConvertConfigStep(SECTIONED).run(f.context(Phase.ConvertingConfig));

        assertThat(first).isInstanceOf(StepResult.Advance.class);
        assertThat(again).isInstanceOf(StepResult.Advance.class);
        assertThat(name).startsWith("cc-backend-config-v1-5-4-");
        assertThat(f.cr.getStatus().newConfigMap).isEqualTo(name);
        assertThat(f.saves).hasSize(1);
        var maps = f.client.configMaps().inNamespace(DemoInstallation.NAMESPACE).list().getItems();
        assertThat(maps).extracting(m -> m.getMetadata().getName()).containsExactlyInAnyOrder(DemoInstallation.CONFIG_MAP, name);
        assertThat(f.client.configMaps().inNamespace(DemoInstallation.NAMESPACE).withName(name).get().getData()
                .get("config.json")).contains("\"main\"").contains("0.0.0.0:8080");
        assertThat(f.client.configMaps().inNamespace(DemoInstallation.NAMESPACE).withName(DemoInstallation.CONFIG_MAP)
                .get().getData().get("config.json")).isEqualTo("{\"addr\":\"0.0.0.0:8080\"}");
    }

    @Test
    void binaryDataOfTheOldConfigMapIsKept() {
        f.client.configMaps().inNamespace(DemoInstallation.NAMESPACE).withName(DemoInstallation.CONFIG_MAP).edit(cm -> {
            cm.setBinaryData(java.util.Map.of("logo.png", "iVBORw0KGgo="));
            return cm;
        });

        new ConvertConfigStep(SECTIONED).run(f.context(Phase.ConvertingConfig));

        assertThat(f.client.configMaps().inNamespace(DemoInstallation.NAMESPACE).withName(f.cr.getStatus().newConfigMap).get()
                .getBinaryData()).containsEntry("logo.png", "iVBORw0KGgo=");
    }

    @Test
    void anUnconvertibleConfigFailsAndNoConversionNeededSkips() {
        ConfigConversion refuses = (config, release, db) -> {
            throw new IllegalArgumentException("jwts.max-age 'forever' is not a duration");
        };
        assertThat(new ConvertConfigStep(refuses).run(f.context(Phase.ConvertingConfig)))
                .isInstanceOfSatisfying(StepResult.Fail.class, x -> {
                    assertThat(x.reason()).isEqualTo("ConfigConversionFailed");
                    assertThat(x.message()).contains("forever");
                });

        f.cr.getStatus().plan.convertConfig = false;
        assertThat(new ConvertConfigStep(refuses).run(f.context(Phase.ConvertingConfig))).isInstanceOf(StepResult.Skip.class);
        assertThat(f.cr.getStatus().newConfigMap).isNull();
    }
}
