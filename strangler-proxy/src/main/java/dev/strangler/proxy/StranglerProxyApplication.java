package dev.strangler.proxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The proxy: Vert.x data plane on {@code proxy.port}, admin API and dashboard on {@code server.port}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StranglerProxyApplication {

    public static void main(String[] args) {
        SpringApplication.run(StranglerProxyApplication.class, args);
    }
}
