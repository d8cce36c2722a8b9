/**
 * H-hour: {@link io.takedown.operations.dispatch.Strike} decides, once and durably, which targets fire and
 * why the others do not, then hands every fired order to a {@link io.takedown.operations.dispatch.Dispatcher}
 * at the same moment and records what each provider answered. A strike interrupted by a crash resumes from
 * the recorded decisions: what was sent is not sent again, what was not is sent.
 */
package io.takedown.operations.dispatch;
