import './components/procura-app/procura-app.js';
