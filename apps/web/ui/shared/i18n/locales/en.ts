/** English: the reference catalogue. Every other complete language must have exactly these keys (the type checks it). */
export const en = {
  app: { console: 'FieldOps console', field: 'FieldOps field' },
  common: {
    loading: 'Loading…',
    save: 'Save',
    cancel: 'Cancel',
    retry: 'Retry',
    none: 'Nothing here yet.',
    error: 'Something went wrong: {{message}}',
    language: 'Language',
    signOut: 'Sign out',
    search: 'Search',
    all: 'All',
  },
  login: {
    title: 'Sign in',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    failed: 'Email or password is wrong.',
  },
  nav: {
    dashboard: 'Dashboard',
    map: 'Map',
    merchants: 'Merchants',
    leads: 'Leads',
    areas: 'Areas',
    reviews: 'Visit review',
    admin: 'Users and roles',
  },
  field: {
    tabs: { myDay: 'My day', nearby: 'Nearby', newLead: 'New lead', queue: 'Queue' },
    myDay: { title: 'My day' },
  },
  dashboard: {
    title: 'Dashboard',
    greeting: 'Welcome, {{name}}',
  },
};

export type Catalogue = typeof en;
