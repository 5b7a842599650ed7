package dev.strangler.legacy.seed;

import dev.strangler.legacy.seed.internal.ShopSeeder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/seed {"orders": N}}: wipes all shop data and seeds N orders (what {@code strangler seed}
 * calls). Internal: the lab does not route it through the proxy.
 */
@RestController
@RequestMapping(path = "/internal", produces = MediaType.APPLICATION_JSON_VALUE)
class SeedController {

    private final ShopSeeder seeder;

    SeedController(ShopSeeder seeder) {
        this.seeder = seeder;
    }

    /** Body of the seeding request. */
    record SeedRequest(@NotNull @Min(0) @Max(1_000_000) Integer orders) {
    }

    @PostMapping(path = "/seed", consumes = MediaType.APPLICATION_JSON_VALUE)
    SeedResult seed(@Valid @RequestBody SeedRequest request) {
        return seeder.seed(request.orders());
    }
}
