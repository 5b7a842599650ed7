package dev.strangler.playbook.playbook;

import dev.strangler.playbook.lab.MonolithBuild;
import java.util.Arrays;
import java.util.Locale;

/**
 * The settings of {@code decommission}: how the monolith is told to stop running the capability itself, and which of
 * its builds replaces it. What the descriptor says elsewhere (the legacy database, the tokenized columns to mask, the
 * read route to probe) is not repeated here. Both settings are required: the monolith's switch and its builds are its
 * own, no default fits another monolith. Its waits (the monolith's switch, the masking's wait for the CDC bridge, the
 * warm-up of the new build) follow from what the monolith and PostgreSQL need, and its gate (no card number outside
 * the vault, no monolith class touching the extraction's tables) has no threshold one could loosen.
 *
 * @param seam  the monolith's branch-by-abstraction switch ({@code seam})
 * @param build the build deployed once the seam is switched: the monolith without its in-process code
 *              ({@code build})
 */
public record DecommissionSettings(Seam seam, MonolithBuild build) implements StepSettings {

    /** What {@code seam.value} and {@code seam.local} are when a step leaves them out. */
    public static final String REMOTE = "remote";
    public static final String IN_PROCESS = "in-process";

    public DecommissionSettings {
        if (build == MonolithBuild.ORIGINAL) {
            throw new IllegalArgumentException("build must be a build without the in-process code (" + builds()
                    + "), got original: the step deploys it, and its rollback the original");
        }
    }

    /**
     * The monolith's switch between its in-process code and the extracted service, flipped while it runs: a row of a
     * settings table it reads (the shop's {@code shop_settings}, name {@code payments.mode}), and the node of its
     * {@code /actuator/info} that reports the side in force ({@code mode}) and whether the build still has the
     * in-process code ({@code inProcessAvailable}).
     *
     * @param table a table of the legacy database with {@code name}, {@code value} and {@code updated_at} columns,
     *              {@code name} unique ({@code seam.table})
     * @param name  the switch's row ({@code seam.name})
     * @param value what the row is set to: the service's side ({@code seam.value}, default {@code remote})
     * @param local the mode the monolith reports once the row is gone: its in-process side ({@code seam.local},
     *              default {@code in-process})
     * @param info  the {@code /actuator/info} node ({@code seam.info})
     */
    public record Seam(String table, String name, String value, String local, String info) {

        public Seam {
            notBlank("seam.table", table);
            notBlank("seam.name", name);
            notBlank("seam.value", value);
            notBlank("seam.local", local);
            notBlank("seam.info", info);
            if (value.equals(local)) {
                throw new IllegalArgumentException("seam.value and seam.local must differ: the monolith would report"
                        + " '" + value + "' before the switch as after it");
            }
        }
    }

    /** Reads every setting before it builds the records, so that a range problem does not hide a missing key. */
    static DecommissionSettings read(SettingsReader step) {
        String table = "-";
        String name = "-";
        String value = REMOTE;
        String local = IN_PROCESS;
        String info = "-"; // stand-ins for what is missing: the problem refuses the playbook before any step runs
        if (!step.has("seam")) {
            step.problem("seam is required: the monolith's switch, e.g. {table: shop_settings, name: payments.mode,"
                    + " info: payments} (value and local default to " + REMOTE + " and " + IN_PROCESS + ")");
            step.mapping("seam");
        } else {
            SettingsReader seam = step.mapping("seam");
            table = seam.requiredText("table", "the monolith's settings table (name, value, updated_at)", table);
            name = seam.requiredText("name", "the switch's row in seam.table", name);
            value = seam.text("value", value);
            local = seam.text("local", local);
            info = seam.requiredText("info", "the /actuator/info node reporting mode and inProcessAvailable", info);
        }
        String buildName = step.requiredText("build", "the monolith build to deploy once the seam is switched ("
                + builds() + ")", "decommissioned");
        MonolithBuild build = Arrays.stream(MonolithBuild.values())
                .filter(b -> b.name().toLowerCase(Locale.ROOT).equals(buildName)).findFirst().orElse(null);
        if (build == null) {
            step.problem("build must name a build of the monolith (" + builds() + "), got '" + buildName + "'");
            build = MonolithBuild.DECOMMISSIONED;
        }
        return new DecommissionSettings(new Seam(table, name, value, local, info), build);
    }

    /** The builds a step may deploy, as the descriptor names them. */
    private static String builds() {
        return String.join(", ", Arrays.stream(MonolithBuild.values()).filter(b -> b != MonolithBuild.ORIGINAL)
                .map(b -> b.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static void notBlank(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
