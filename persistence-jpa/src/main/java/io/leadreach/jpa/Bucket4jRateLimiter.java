package io.leadreach.jpa;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.leadreach.jpa.internal.MariaDbBucketProxyManager;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RateLimiter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A {@link RateLimiter} whose token buckets live in a shared store through Bucket4j, so the
 * sender's, each campaign's and each lead's limits hold across all nodes. {@link #postgresql}
 * (and {@link #mariadb} likewise) keeps them in the {@value #TABLE} table (created by {@link LeadReachJpa#migrate}), locking a
 * bucket's row for each change ({@code SELECT ... FOR UPDATE}); any other Bucket4j
 * {@link ProxyManager} keyed by string works too; {@link #redis} keeps them in Redis.
 *
 * <p>A {@link RateLimit} becomes one bandwidth of its capacity, refilled greedily (continuously)
 * at its rate, starting full. {@link #tryAcquire} takes as many permits as are there, up to the
 * number asked; {@link #refund} adds tokens back, never beyond capacity. Time comes from the
 * injected {@link Clock} of every node, so the nodes' clocks should agree (NTP).
 *
 * <p>Needs {@code com.bucket4j:bucket4j_jdk17-core} and, for {@link #postgresql},
 * {@code bucket4j_jdk17-postgresql} on the class path (optional dependencies of this module); for
 * {@link #redis}, {@code bucket4j_jdk17-lettuce} and {@code lettuce-core}.
 */
public final class Bucket4jRateLimiter implements RateLimiter {

    /** The table {@link #postgresql} keeps buckets in. */
    public static final String TABLE = "lead_whatsapp_rate_limits";

    /** How long {@link #redis} keeps a bucket's key after the bucket would be full again, in seconds. */
    public static final long REDIS_KEY_GRACE_SECONDS = 10;

    /** What {@link #redis} puts before each bucket's key. */
    public static final String REDIS_KEY_PREFIX = "leadreach:rate-limit:";

    private final ProxyManager<String> buckets;
    private final String keyPrefix;
    private final Map<RateLimit, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    /** A limiter over any Bucket4j proxy manager keyed by string. */
    public Bucket4jRateLimiter(ProxyManager<String> buckets) {
        this(buckets, "");
    }

    private Bucket4jRateLimiter(ProxyManager<String> buckets, String keyPrefix) {
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.keyPrefix = keyPrefix;
    }

    /**
     * A limiter keeping its buckets in PostgreSQL's {@value #TABLE}, timed by {@code clock}. A
     * bucket's row may be deleted ({@link #removeExpired}) once the bucket would be full again (Bucket4j
     * judges that by the system clock, not {@code clock}).
     */
    public static Bucket4jRateLimiter postgresql(DataSource dataSource, Clock clock) {
        return new Bucket4jRateLimiter(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .clientClock(timeMeter(clock))
                .build());
    }

    /**
     * A limiter keeping its buckets in MariaDB's (or MySQL's) {@value #TABLE}, timed by
     * {@code clock}: the same table and row locking ({@code SELECT ... FOR UPDATE}) as
     * {@link #postgresql}, through Bucket4j's select-for-update algorithm (Bucket4j 8.14 has no
     * MariaDB module, so the statements are LeadReach's). Needs only {@code bucket4j_jdk17-core}.
     * Rows expire, and {@link #removeExpired} deletes them, as with {@link #postgresql}.
     */
    public static Bucket4jRateLimiter mariadb(DataSource dataSource, Clock clock) {
        ClientSideConfig config = ClientSideConfig.getDefault()
                .withClientClock(timeMeter(clock))
                .withExpirationAfterWriteStrategy(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO));
        return new Bucket4jRateLimiter(new MariaDbBucketProxyManager(dataSource, config, TABLE, "id", "state",
                "expires_at"));
    }

    /**
     * A limiter keeping its buckets in Redis through this connection (Bucket4j's Lettuce backend,
     * compare-and-swap on each bucket's key), timed by {@code clock}: for hosts whose database
     * should not take a row lock for every acquire. Keys are {@value #REDIS_KEY_PREFIX} + the
     * engine's key, and Redis expires each one {@value #REDIS_KEY_GRACE_SECONDS} s after its bucket
     * would be full again: Redis counts that time by its own clock, the buckets by {@code clock},
     * and a key that expired early (nodes' clocks apart, or {@code clock} behind Redis's) would
     * hand out a full bucket again. The connection
     * stays the caller's to close. Needs {@code bucket4j_jdk17-lettuce} and {@code lettuce-core}
     * (optional dependencies of this module).
     */
    public static Bucket4jRateLimiter redis(StatefulRedisConnection<String, byte[]> connection, Clock clock) {
        Objects.requireNonNull(connection, "connection");
        return new Bucket4jRateLimiter(Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(REDIS_KEY_GRACE_SECONDS)))
                .clientClock(timeMeter(clock))
                .build(), REDIS_KEY_PREFIX);
    }

    /** A Redis connection as {@link #redis} takes it: string keys, byte-array values. */
    public static StatefulRedisConnection<String, byte[]> connect(RedisClient client) {
        return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    }

    /** A Bucket4j time source reading this clock. */
    static TimeMeter timeMeter(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public int tryAcquire(String key, RateLimit limit, int permits) {
        if (permits <= 0) {
            return 0;
        }
        return (int) bucket(key, limit).tryConsumeAsMuchAsPossible(permits);
    }

    @Override
    public Duration timeToNextPermit(String key, RateLimit limit) {
        EstimationProbe probe = bucket(key, limit).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    @Override
    public void refund(String key, RateLimit limit, int permits) {
        if (permits > 0) {
            bucket(key, limit).addTokens(permits);
        }
    }

    /**
     * Deletes up to {@code batchSize} buckets that have been idle long enough to be full again
     * (they are recreated full on next use); returns how many. For a periodic clean-up task; 0
     * when the proxy manager cannot expire entries.
     */
    public int removeExpired(int batchSize) {
        return buckets instanceof ExpiredEntriesCleaner cleaner ? cleaner.removeExpired(batchSize) : 0;
    }

    private BucketProxy bucket(String key, RateLimit limit) {
        BucketConfiguration configuration = configurations.computeIfAbsent(limit, l -> BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(l.capacity())
                        .refillGreedy(l.refillPermits(), l.refillPeriod())
                        .initialTokens(l.capacity())
                        .build())
                .build());
        return buckets.builder().build(keyPrefix + key, () -> configuration);
    }
}
