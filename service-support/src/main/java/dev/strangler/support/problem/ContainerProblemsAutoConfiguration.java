package dev.strangler.support.problem;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Puts {@link ContainerProblemValve} in place of Tomcat's HTML error report in every servlet application of the
 * toolkit. Spring Boot adds a plain {@link ErrorReportValve} to the host from a context customizer of its own; this
 * customizer runs after Boot's (lowest precedence), so its context customizer comes later too and can take Boot's
 * valve out. The host is told the class as well, for the valve it adds by itself when none is there.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ErrorReportValve.class, TomcatServletWebServerFactory.class})
public class ContainerProblemsAutoConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerProblems() {
        return new ProblemValveCustomizer();
    }

    private static final class ProblemValveCustomizer
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof Host host) {
                    replaceErrorReport(host);
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    static void replaceErrorReport(Host host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ContainerProblemValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(new ContainerProblemValve());
        if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(ContainerProblemValve.class.getName());
        }
    }
}
