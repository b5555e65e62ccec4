/** Implementation classes the public API is built from; not meant to be used directly, and may change without notice. */
package io.leadreach.internal;
