import base from '../en.json';
import { joinCatalogue, type Tree } from '../catalogue';

/** English: the base catalogue and every area's, in one chunk fetched when the language is first used. */
export default joinCatalogue(base, import.meta.glob<Tree>('../areas/*.en.json', { import: 'default', eager: true }));
