/** Health, readiness, Prometheus metrics and the OpenAPI document. */
package io.takedown.server.ops;
