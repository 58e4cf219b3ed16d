package org.openvtn.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Marks a section of work running on a thread that must never block: a network selector's thread answering an idle
 * OpenADR 2.0b oadrPoll in place, without handing the request to a pool thread (issue #18). Code about to block (a
 * database transaction, a lock another request may hold, an expensive signature) calls {@link #mayBlock()}; inside a
 * section that throws {@link WouldBlock}, and the caller of the section runs the whole work again on a pool thread.
 * So a section may only contain work that is safe to run twice up to its first {@code mayBlock()}: reads of caches
 * and in-memory state. Effects that must happen once (counters) go through {@link #afterSuccess}, which applies them
 * when the section {@linkplain Section#succeeded() succeeds} and drops them when it is abandoned.
 *
 * <pre>{@code
 * try (SelectorSafe.Section s = SelectorSafe.enter()) {
 *     answer = work.get();
 *     s.succeeded();
 * } catch (SelectorSafe.WouldBlock e) {
 *     executor.execute(() -> answer(work.get()));   // outside any section: may block
 * }
 * }</pre>
 */
public final class SelectorSafe {
    private static final ThreadLocal<Section> SECTIONS = ThreadLocal.withInitial(Section::new);
    private static final WouldBlock WOULD_BLOCK = new WouldBlock();

    private SelectorSafe() {
    }

    /** Thrown by {@link #mayBlock()} inside a section: the work must be run again where it may block. */
    public static final class WouldBlock extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private WouldBlock() {
            super("work that may block inside a non-blocking section", null, false, false);
        }
    }

    /**
     * Starts a section on this thread; close it when the work ends (sections do not nest).
     *
     * @throws IllegalStateException when this thread is already inside a section
     */
    public static Section enter() {
        Section s = SECTIONS.get();
        if (s.active) {
            throw new IllegalStateException("non-blocking sections do not nest");
        }
        s.active = true;
        return s;
    }

    /** @return whether this thread is inside a section */
    public static boolean inSection() {
        return SECTIONS.get().active;
    }

    /**
     * Called before anything that may block.
     *
     * @throws WouldBlock inside a section
     */
    public static void mayBlock() {
        if (SECTIONS.get().active) {
            throw WOULD_BLOCK;
        }
    }

    /** Runs {@code effect} now outside a section, or when the section succeeds (never if it is abandoned). */
    public static void afterSuccess(Runnable effect) {
        Section s = SECTIONS.get();
        if (s.active) {
            s.deferred.add(effect);
        } else {
            effect.run();
        }
    }

    /** One thread's section; reused by that thread. */
    public static final class Section implements AutoCloseable {
        private final List<Runnable> deferred = new ArrayList<>(2);
        private boolean active;

        private Section() {
        }

        /** The work completed inside the section: applies the deferred effects. */
        public void succeeded() {
            for (Runnable r : deferred) {
                r.run();
            }
            deferred.clear();
        }

        /** Ends the section; effects not applied by {@link #succeeded()} are dropped. */
        @Override
        public void close() {
            deferred.clear();
            active = false;
        }
    }
}
