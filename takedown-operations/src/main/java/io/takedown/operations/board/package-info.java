/**
 * The live board of an action day: per provider, per country and per participating agency, how many
 * targets were sent, acknowledged, removed, are overdue, contested or answered with Annex III; the next
 * deadlines counting down; escalations; and, for every target that did not fire, why. One query API
 * ({@link io.takedown.operations.board.BoardService#board}) serves the refreshing CLI and the web console.
 */
package io.takedown.operations.board;
