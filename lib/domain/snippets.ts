/** How to call an endpoint from the usual clients: the console shows these with copy buttons. */

export interface SnippetTarget {
  url: string;
  model: string;
  protected: boolean;
}

const PROMPT = "We hold these truths";

export function curlSnippet(e: SnippetTarget): string {
  return `curl ${e.url}/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "X-Scale-Up-Timeout: 120" \\${e.protected ? '\n  -H "Authorization: Bearer $EBB_TOKEN" \\' : ""}
  -d '{"messages": [{"role": "user", "content": "${PROMPT}"}], "max_tokens": 32}'`;
}

export function pythonSnippet(e: SnippetTarget): string {
  return `from openai import OpenAI

client = OpenAI(
    base_url="${e.url}/v1",
    api_key=${e.protected ? 'os.environ["EBB_TOKEN"]' : '"unused"'},
    # Wait up to 2 minutes for a cold start instead of a 503.
    default_headers={"X-Scale-Up-Timeout": "120"},
)
stream = client.chat.completions.create(
    model="${e.model}",
    messages=[{"role": "user", "content": "${PROMPT}"}],
    max_tokens=32,
    stream=True,
)
for chunk in stream:
    print(chunk.choices[0].delta.content or "", end="", flush=True)`.replace("from openai", e.protected ? "import os\nfrom openai" : "from openai");
}

export function javascriptSnippet(e: SnippetTarget): string {
  return `const response = await fetch("${e.url}/v1/chat/completions", {
  method: "POST",
  headers: {
    "Content-Type": "application/json",
    "X-Scale-Up-Timeout": "120",${e.protected ? "\n    Authorization: `Bearer ${process.env.EBB_TOKEN}`," : ""}
  },
  body: JSON.stringify({
    model: "${e.model}",
    messages: [{ role: "user", content: "${PROMPT}" }],
    max_tokens: 32,
  }),
});
const answer = await response.json();
console.log(answer.choices[0].message.content);`;
}
