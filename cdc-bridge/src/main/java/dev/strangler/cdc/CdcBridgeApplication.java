package dev.strangler.cdc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The CDC bridge on port 8083. */
// no DataSource bean: the bridge has one pool per database its descriptors name (BridgeDatabases)
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
public class CdcBridgeApplication {

    public static void main(String[] args) {
        // jOOQ only renders each table pair's SQL once at start: no banner and no tip in the bridge's log
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        SpringApplication.run(CdcBridgeApplication.class, args);
    }
}
