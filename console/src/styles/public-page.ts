/** The frame of the console's public pages (no login): a branded header, one centred card. */
import { css } from 'lit';

export const publicPageStyles = css`
  :host {
    font-family:
      system-ui,
      -apple-system,
      'Segoe UI',
      sans-serif;
    line-height: 1.45;
    min-height: 100vh;
    background: #f5f7fa;
  }
  header {
    background: var(--procura-primary, #0b4a5e);
    color: var(--procura-on-primary, #fff);
    padding: 0.75rem 1rem;
    display: flex;
    gap: 1rem;
    align-items: center;
    justify-content: space-between;
  }
  header .brand {
    font-size: 1.25rem;
    font-weight: 700;
  }
  main {
    max-width: 40rem;
    margin: 0 auto;
    padding: 1.5rem 1rem 3rem;
  }
  .card {
    background: #fff;
    border: 1px solid #d9e2ec;
    border-radius: 0.5rem;
    padding: 1.25rem;
  }
  input[type='password'],
  input[type='text'],
  input[type='email'],
  select {
    width: 100%;
  }
  fieldset {
    border: 1px solid #d9e2ec;
    border-radius: 0.375rem;
    margin: 0 0 1rem;
    padding: 0.75rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    font-weight: 400;
  }
  .check input {
    min-height: auto;
    width: 1.1rem;
    height: 1.1rem;
    margin-top: 0.2rem;
    flex: none;
  }
  a.button {
    display: inline-block;
    background: var(--procura-primary, #0d5c75);
    color: var(--procura-on-primary, #fff);
    border-radius: 0.375rem;
    padding: 0.6rem 1.2rem;
    text-decoration: none;
    font-weight: 600;
  }
`;
