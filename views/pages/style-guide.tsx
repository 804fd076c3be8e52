/**
 * The living style page (/dev/style, development tools only): every token and component of the design system, so a
 * change to app.css can be checked on one page, in light and dark, at every width.
 */
import { STAGE_LABELS, type Stage } from "../../worker/domain/room/stages";
import { pairingStages } from "../../worker/domain/vocabulary";
import { Avatar } from "../components/avatar";
import { ErrorSummary, TextInput } from "../components/form";
import { ICON_NAMES, Icon } from "../components/icon";
import { Markdown } from "../components/markdown";

const TOKENS = [
  "--fg",
  "--muted",
  "--bg",
  "--card",
  "--soft",
  "--line",
  "--accent",
  "--bad",
  "--ok",
  "--warn",
  "--mine",
];

const SAMPLE_MARKDOWN =
  "## What we want to achieve\nLead my first team with **confidence** and _calm_.\n\n- Weekly one-to-ones\n- A [guide](https://example.org/guide)\n\n> Describe what happened, not who was wrong.";

/** The page. */
export function StyleGuide() {
  return (
    <section>
      <h1>Style</h1>
      <p class="hint">
        Every component of the one stylesheet. Tokens live at the top of app.css; dark mode follows the system setting.
      </p>
      <h2>Colour tokens</h2>
      <ul class="swatches">
        {TOKENS.map((t) => (
          <li class={`swatch${t.replace("--", "-")}`}>
            <code>{t}</code>
          </li>
        ))}
      </ul>
      <h2>Type scale</h2>
      <p class="big">Big figure 42</p>
      <h3>Heading three</h3>
      <p>
        Body text with a link to <a href="/dev/style">this style page</a>, <strong>strong</strong> and <em>emphasis</em>
        .
      </p>
      <p class="hint">A hint or muted line.</p>
      <h2>Buttons</h2>
      <p class="row-form">
        <button type="button">Primary</button>
        <button type="button" class="secondary">
          Secondary
        </button>
        <button type="button" class="danger">
          Danger
        </button>
        <button type="button" class="link">
          Link button
        </button>
        <a class="button" href="/dev/style">
          <Icon name="video" />
          Link as button
        </a>
      </p>
      <h2>Badges</h2>
      <p class="row-form">
        {pairingStages.map((s) => (
          <span class={`stage stage-${s}`}>{STAGE_LABELS[s as Stage]}</span>
        ))}
        <span class="badge bad">At risk</span>
        <span class="badge warn">To do</span>
        <span class="badge ok">Signed</span>
        <span class="badge info">Note</span>
      </p>
      <h2>Avatars</h2>
      <p class="row-form">
        {["Mia Thompson", "Katrin Vogel", "Ravi Iyer", "Camila Rocha", "Kofi Boateng", "Mei Lin", "Lars Andersen"].map(
          (name) => (
            <span class="person">
              <Avatar id={name} name={name} />
              {name}
            </span>
          ),
        )}
      </p>
      <h2>Icons</h2>
      <ul class="swatches">
        {ICON_NAMES.map((name) => (
          <li>
            <Icon name={name} /> {name}
          </li>
        ))}
      </ul>
      <h2>Tabs</h2>
      <nav aria-label="Example tabs" class="tabs">
        <a href="/dev/style" aria-current="page">
          <Icon name="grid" />
          Current
        </a>
        <a href="/dev/style">
          <Icon name="chat" />
          Another
        </a>
        <a href="/dev/style">
          <Icon name="video" />A third tab
        </a>
        <a href="/dev/style">
          <Icon name="target" />A fourth, scrolling sideways
        </a>
      </nav>
      <h2>Cards and tiles</h2>
      <div class="tiles">
        <section class="card">
          <h3>A card</h3>
          <p>Content in a card.</p>
        </section>
        <section class="card next">
          <h3>What to do next</h3>
          <p>A card that leads.</p>
        </section>
      </div>
      <h2>Notices</h2>
      <p class="notice">A notice.</p>
      <p class="success">Saved.</p>
      <p class="warning">Something to watch.</p>
      <ErrorSummary errors={{ email: "Enter an email address." }} />
      <h2>Fields with inline errors</h2>
      <form method="get" action="/dev/style" class="narrow">
        <TextInput name="name" label="Name" value="Mia" hint="As people call you." />
        <TextInput
          name="email"
          label="Email address"
          type="email"
          value="mia@"
          errors={{ email: "Enter an email address." }}
        />
        <label class="check">
          <input type="checkbox" name="ok" value="1" /> A checkbox
        </label>
      </form>
      <h2>Table that stacks on a phone</h2>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">Members</th>
            <th scope="col">Stage</th>
            <th scope="col">Last activity</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Mia Thompson, Katrin Vogel</td>
            <td data-label="Stage">
              <span class="stage stage-active">Active</span>
            </td>
            <td data-label="Last activity">2 days ago</td>
          </tr>
        </tbody>
      </table>
      <h2>Empty state</h2>
      <div class="empty">
        <Icon name="inbox" />
        <p>
          <strong>No notes yet.</strong>
        </p>
        <p>Write down what you talked about after your next meeting.</p>
      </div>
      <h2>Chat</h2>
      <ol class="chat" aria-label="Example messages">
        <li class="day">
          <h3>Today</h3>
        </li>
        <li class="msg">
          <Avatar id="Katrin Vogel" name="Katrin Vogel" small />
          <div class="bubble">
            <p class="meta">
              <strong>Katrin Vogel</strong> 09:12
            </p>
            <p class="body">How did the conversation go?</p>
          </div>
        </li>
        <li class="msg mine">
          <div class="bubble">
            <p class="meta">
              <strong>You</strong> 09:30
            </p>
            <p class="body">Better than I expected!</p>
          </div>
        </li>
        <li class="msg system">
          <div class="bubble">
            <p class="body">Trellis moved the pairing to active.</p>
          </div>
        </li>
      </ol>
      <h2>Markdown</h2>
      <Markdown text={SAMPLE_MARKDOWN} class="note-body" />
    </section>
  );
}
