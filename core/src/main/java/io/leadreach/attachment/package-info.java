/**
 * Attachments: the policy that admits a file (size, and a type decided by its bytes, not its
 * name), file-name sanitising, where accepted files are kept ({@link io.leadreach.attachment.AttachmentStore})
 * and the virus-scanner port.
 */
package io.leadreach.attachment;
