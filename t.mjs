import { PGlite } from '@electric-sql/pglite';
let t=performance.now();
const db = new PGlite(); await db.waitReady; console.log('mem create', performance.now()-t);
await db.exec('create table a(id int primary key, t text); insert into a values (1,\'x\')');
t=performance.now(); const dump = await db.dumpDataDir('none'); console.log('dump', performance.now()-t, dump.size);
t=performance.now(); const db2 = new PGlite({loadDataDir: dump}); await db2.waitReady; console.log('load', performance.now()-t, (await db2.query('select * from a')).rows);
t=performance.now(); const db3 = await PGlite.clone ? 'has clone' : 'no'; console.log(db3);
t=performance.now(); const c = await db.clone(); console.log('clone', performance.now()-t);
