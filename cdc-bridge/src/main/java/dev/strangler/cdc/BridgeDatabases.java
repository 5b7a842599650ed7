package dev.strangler.cdc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.strangler.support.settings.MissingSetting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A connection pool per database the served table pairs use, by the descriptors' logical names. Not beans: the
 * bridge has as many databases as its descriptors name (the health indicator {@code db} covers them all).
 */
final class BridgeDatabases implements AutoCloseable {

    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();

    BridgeDatabases(Map<String, BridgeProperties.Database> configured, Set<String> used) {
        for (String name : used) {
            BridgeProperties.Database db = configured.get(name);
            if (db == null) {
                throw new MissingSetting("bridge.databases." + name + ".host", "is not set: the descriptors use"
                        + " database '" + name + "'");
            }
            pools.put(name, pool(name, db.require(name)));
        }
    }

    DataSource get(String name) {
        DataSource ds = pools.get(name);
        if (ds == null) {
            throw new IllegalArgumentException("no database '" + name + "' among " + pools.keySet());
        }
        return ds;
    }

    Map<String, ? extends DataSource> all() {
        return pools;
    }

    private static HikariDataSource pool(String name, BridgeProperties.Database db) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(db.jdbcUrl());
        config.setUsername(db.user());
        if (!db.password().isEmpty()) {
            config.setPassword(db.password());
        }
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        // fail fast while a database is down: the applier retries with its own back-off
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "cdc-bridge");
        return new HikariDataSource(config);
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
    }
}
