package dev.ccbackend.operator.reconciler;

import dev.ccbackend.operator.api.Phase;
import dev.ccbackend.operator.steps.ApprovalStep;
import dev.ccbackend.operator.steps.ConfigConversion;
import dev.ccbackend.operator.steps.ConvertConfigStep;
import dev.ccbackend.operator.steps.CutOverStep;
import dev.ccbackend.operator.steps.MigrateArchiveStep;
import dev.ccbackend.operator.steps.MigrateDatabaseStep;
import dev.ccbackend.operator.steps.PlanStep;
import dev.ccbackend.operator.steps.PrepareStep;
import dev.ccbackend.operator.steps.QuiesceStep;
import dev.ccbackend.operator.steps.RollbackStep;
import dev.ccbackend.operator.steps.SnapshotStep;
import dev.ccbackend.operator.steps.Step;
import dev.ccbackend.operator.steps.SwapStep;
import dev.ccbackend.operator.steps.VerifyStep;
import java.util.EnumMap;
import java.util.Map;

/** Which step does the work of which phase. */
public final class StepRegistry {
    private StepRegistry() {
    }

    public static Map<Phase, Step> standard(ConfigConversion conversion) {
        Map<Phase, Step> steps = new EnumMap<>(Phase.class);
        steps.put(Phase.Planning, new PlanStep());
        steps.put(Phase.AwaitingApproval, new ApprovalStep());
        steps.put(Phase.Preparing, new PrepareStep());
        steps.put(Phase.Quiescing, new QuiesceStep());
        steps.put(Phase.Snapshotting, new SnapshotStep());
        steps.put(Phase.MigratingDatabase, new MigrateDatabaseStep());
        steps.put(Phase.MigratingArchive, new MigrateArchiveStep());
        steps.put(Phase.CuttingOver, new CutOverStep());
        steps.put(Phase.ConvertingConfig, new ConvertConfigStep(conversion));
        steps.put(Phase.Swapping, new SwapStep());
        steps.put(Phase.Verifying, new VerifyStep());
        steps.put(Phase.RollingBack, new RollbackStep());
        return steps;
    }
}
