/**
 * Analytics: totals for today, this week and this month, delivery/read/reply rates, campaign
 * comparison, top templates, weekday × hour heat maps, daily time series, a suggested send hour,
 * and the rate card used for cost estimates. Every figure is an aggregate query on the
 * {@link io.leadreach.analytics.AnalyticsStore} port; the service never loads every message.
 */
package io.leadreach.analytics;
