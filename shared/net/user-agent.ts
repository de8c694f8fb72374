/** The User-Agent every Surveyor request sends unless the caller sets one: it says who is asking. */
export const SURVEYOR_USER_AGENT = 'Surveyor/0.1 (API discovery and risk)';
