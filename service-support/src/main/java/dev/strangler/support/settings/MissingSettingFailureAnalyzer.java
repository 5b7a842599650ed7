package dev.strangler.support.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link MissingSetting} into Spring Boot's "APPLICATION FAILED TO START" report: the setting, why it is
 * needed, and how to set it, instead of a stack trace.
 */
public class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<MissingSetting> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSetting cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + cause.property() + " (environment variable " + cause.environmentVariable()
                        + ", or a file named " + cause.property() + " in a directory given to"
                        + " --spring.config.import=configtree:<dir>/). On this machine's lab, run with"
                        + " --spring.profiles.active=lab, as ./strangler up does.", cause);
    }
}
