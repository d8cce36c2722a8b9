package io.takedown.operations.deconfliction;

/**
 * What a planner sees of a conflict: that a target is held, a reference, and whom to contact. The owning
 * agency, its reasons and its case are never part of it.
 *
 * @param reference conflict reference ({@code DC-n}) both sides quote
 * @param status    {@code held} until the owner releases it, then {@code released}
 * @param contact   the owner's contact point, or how to reach them when the handling code withholds it
 */
public record Conflict(String reference, long targetId, String status, String contact) {

    public boolean held() {
        return status.equals("held");
    }
}
