package dev.strangler.cdc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The CDC bridge on port 8083. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CdcBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(CdcBridgeApplication.class, args);
    }
}
