/** Permissions and actors: every service entry point checks the acting user's permission before it changes anything. */
package io.leadreach.security;
