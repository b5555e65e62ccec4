/**
 * The browser-test harness of the examples: {@link io.leadreach.examples.browser.Browser}, a JUnit 5
 * extension that drives Debian's Chromium through its chromedriver (headless, a fresh profile, no
 * download of any driver or browser), takes screenshots into {@code target/screenshots} and reads
 * the browser's console. Tests that use it are tagged {@code browser} and run in the {@code -Pall}
 * build.
 */
package io.leadreach.examples.browser;
