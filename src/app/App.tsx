export function App() {
  return (
    <main>
      <h1>Backprop Studio</h1>
    </main>
  );
}
