/**
 * HTTP plumbing shared by every feature: route registry (checked against the OpenAPI document),
 * authentication, error shapes (problem+json, HMA's, HTML), JSON parsing, pagination and ETags.
 */
package io.takedown.server.http;
