import base from '../bs.json';
import { joinCatalogue, type Tree } from '../catalogue';

/** Bosnian: the base catalogue and every area's, in one chunk fetched when the language is first used. */
export default joinCatalogue(base, import.meta.glob<Tree>('../areas/*.bs.json', { import: 'default', eager: true }));
