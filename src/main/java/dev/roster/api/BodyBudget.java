package dev.roster.api;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many bytes of request bodies the server holds at once. A parsed body takes many times its size in memory
 * (a 1 MB array of short strings is about 16 MB of nodes), so without a bound a few dozen large bodies sent at once
 * would exhaust the heap. A body claims its declared length (or the limit, when chunked) before it is read and gives
 * it back when its request ends; a body that finds no room waits, and after {@link #WAIT_SECONDS} gets 503.
 * Ordinary bodies are a few hundred bytes and never wait.
 */
final class BodyBudget {
    static final int WAIT_SECONDS = 10;

    private final Semaphore bytes;

    BodyBudget(int maxBodyBytes) {
        bytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, 2L * maxBodyBytes));
    }

    /** Takes {@code n} bytes of the budget, or throws 503 when they do not free up in time. */
    void claim(int n) {
        if (n == 0) return;
        try {
            if (!bytes.tryAcquire(n, WAIT_SECONDS, TimeUnit.SECONDS)) throw ApiError.busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.busy();
        }
    }

    void release(int n) {
        if (n > 0) bytes.release(n);
    }
}
