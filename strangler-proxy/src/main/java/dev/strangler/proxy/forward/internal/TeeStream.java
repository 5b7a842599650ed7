package dev.strangler.proxy.forward.internal;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Streams a body through unchanged while keeping a copy of its first {@code cap} bytes for the shadow comparison:
 * the caller gets legacy's answer as fast as without shadowing, and memory per request stays bounded. At the end
 * {@code onEnd} gets the copy, or null when the body was larger than the cap.
 */
final class TeeStream implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final long cap;
    private final Consumer<byte @Nullable []> onEnd;
    private @Nullable Buffer copy = Buffer.buffer();

    TeeStream(ReadStream<Buffer> source, long cap, Consumer<byte @Nullable []> onEnd) {
        this.source = source;
        this.cap = cap;
        this.onEnd = onEnd;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(@Nullable Handler<Throwable> handler) {
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(@Nullable Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
        } else {
            source.handler(chunk -> {
                if (copy != null) {
                    if (copy.length() + chunk.length() > cap) {
                        copy = null;
                    } else {
                        copy.appendBuffer(chunk);
                    }
                }
                handler.handle(chunk);
            });
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(@Nullable Handler<Void> endHandler) {
        if (endHandler == null) {
            source.endHandler(null);
        } else {
            source.endHandler(v -> {
                endHandler.handle(v);
                onEnd.accept(copy == null ? null : copy.getBytes());
            });
        }
        return this;
    }
}
