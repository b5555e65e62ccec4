/**
 * The starter's workings that hosts need not touch: the controllers of the REST API and the
 * webhook, the problem-detail mapping of core exceptions, and the response bodies.
 */
package io.leadreach.spring.internal;
