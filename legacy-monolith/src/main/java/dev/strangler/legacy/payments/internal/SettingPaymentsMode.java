package dev.strangler.legacy.payments.internal;

import dev.strangler.legacy.payments.PaymentsMode;
import dev.strangler.legacy.payments.PaymentsProperties;

import java.util.Locale;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@link PaymentsMode} from configuration and the {@code shop_settings} table. Which side of the payment seam runs, switchable while the shop runs: {@code shop.payments.mode} at start, then the
 * {@code payments.mode} row of {@code shop_settings} when there is one (read every {@code shop.payments.mode-refresh},
 * 1 s by default). A switch needs no restart, so moving payments to the extracted service (the playbook's
 * decommission step) and back costs callers nothing. A checkout already under way finishes on the side it started
 * on. {@code /actuator/info} shows the mode in force.
 */
@Component
public class SettingPaymentsMode implements PaymentsMode, InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(SettingPaymentsMode.class);

    private final PaymentsProperties properties;
    private final DSLContext db;
    /** False in the decommissioned monolith: it has no in-process payments to switch back to. */
    private final boolean inProcessAvailable;
    private volatile String mode;

    SettingPaymentsMode(PaymentsProperties properties, DSLContext db,
            ObjectProvider<LegacyPaymentRows> legacyRows) {
        this.properties = properties;
        this.db = db;
        this.inProcessAvailable = legacyRows.getIfAvailable() != null;
        this.mode = inProcessAvailable ? properties.mode() : "remote";
        if (!inProcessAvailable) {
            log.info("Payments are remote for good: this build of the monolith has no in-process payments");
        }
        refresh();
    }

    @Override
    public boolean remote() {
        return "remote".equals(mode);
    }

    @Override
    public String mode() {
        return mode;
    }

    /** Reads the setting again: what the schedule runs every {@code shop.payments.mode-refresh}. */
    @Scheduled(fixedDelayString = "${shop.payments.mode-refresh:1s}")
    public void refresh() {
        if (!inProcessAvailable) {
            return;
        }
        String setting;
        try {
            setting = db.select(DSL.field("value", String.class)).from(DSL.table("shop_settings"))
                    .where(DSL.field("name").eq(SETTING)).fetchOptional(0, String.class).orElse(null);
        } catch (RuntimeException e) {
            log.warn("Could not read the payments mode setting ({}); staying {}", e.getClass().getSimpleName(), mode);
            return;
        }
        String wanted = setting == null ? properties.mode() : setting.trim().toLowerCase(Locale.ROOT);
        if (!wanted.equals("remote") && !wanted.equals("in-process")) {
            log.warn("Ignoring payments mode setting '{}': it must be in-process or remote", wanted);
            return;
        }
        if (!wanted.equals(mode)) {
            log.info("Payments mode switched: {} -> {}", mode, wanted);
            mode = wanted;
        }
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("payments", java.util.Map.of("mode", mode, "inProcessAvailable", inProcessAvailable));
    }
}
