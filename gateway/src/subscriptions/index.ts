export { serveSubscriptions, DEFAULT_SUBSCRIPTION_SETTINGS, type SubscriptionSettings } from './server.js';
