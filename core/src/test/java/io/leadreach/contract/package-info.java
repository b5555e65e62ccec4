/**
 * The port contract test kit, published as core's test-jar: abstract JUnit classes that every
 * store and limiter adapter extends with a short subclass per database.
 */
package io.leadreach.contract;
