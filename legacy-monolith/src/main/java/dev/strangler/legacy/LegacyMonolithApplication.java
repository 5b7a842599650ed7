package dev.strangler.legacy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The legacy shop: one process, one shared schema, every feature in one jar. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LegacyMonolithApplication {

    public static void main(String[] args) {
        SpringApplication.run(LegacyMonolithApplication.class, args);
    }
}
