package io.leadreach.template;

/** What a library template is for; used to group and report templates. */
public enum TemplateCategory {
    GREETING, FOLLOW_UP, REMINDER, PROMOTIONAL
}
