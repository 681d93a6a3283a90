export { createDashboard, type Dashboard } from './dashboard.js'
export type { DashboardBudget, DashboardOptions } from './options.js'
