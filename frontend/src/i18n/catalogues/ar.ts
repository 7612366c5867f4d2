import base from '../ar.json';
import { joinCatalogue, type Tree } from '../catalogue';

/** Arabic: the base catalogue and every area's, in one chunk fetched when the language is first used. */
export default joinCatalogue(base, import.meta.glob<Tree>('../areas/*.ar.json', { import: 'default', eager: true }));
