import { SettingField } from './SettingField';

/** How training runs: batch size, when it stops, how often the views refresh, and the seed. */
export function LoopSettings() {
  return (
    <section className="bp-train-section" aria-label="Training loop settings">
      <header className="bp-train-section__head">
        <h3 className="bp-train-section__title">Training loop</h3>
      </header>
      <div className="bp-train-fields">
        <SettingField field="batch_size" />
        <SettingField field="epochs" />
        <SettingField field="target_loss" />
        <SettingField field="update_every" />
        <div className="bp-train-fields__wide">
          <SettingField field="seed" hint />
        </div>
      </div>
    </section>
  );
}
