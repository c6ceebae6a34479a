/** Side-effect stylesheet imports (`import './x.css'`), which Vite bundles. */
declare module '*.css';
