package io.leadreach.memory;

import io.leadreach.attachment.AttachmentStore;
import io.leadreach.attachment.AttachmentStoreContract;

class InMemoryAttachmentStoreTest extends AttachmentStoreContract {

    @Override
    protected AttachmentStore newStore() {
        return new InMemoryAttachmentStore();
    }
}
