// A real OpenID Connect provider for the tests and the demo: panva's oidc-provider on loopback.
//
//   node tests/identity/provider.mjs <port> <relying party origin>
//
// It stands in for the municipality's e-ID broker (residents: the Swedish OIDC profile's
// personal identity number claim and Sweden Connect's levels of assurance) and for its staff
// provider (groups in the token). The login form is oidc-provider's development form: type an
// account's name below and any password. Consent is given once and for all (first-party
// clients), as the brokers do for a municipality's own services.
//
// POST /_test/clock {"offset": seconds} moves the provider's clock, so that a test can have it
// issue a token that has already expired, as a provider with a wrong clock would.

import Provider from "oidc-provider";

const port = Number(process.argv[2]);
const rp = process.argv[3];
if (!port || !rp) {
  console.error("usage: provider.mjs <port> <relying party origin>");
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

export const LOA2 = "http://id.elegnamnden.se/loa/1.0/loa2";
export const LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3";
const PNR_SCOPE = "https://id.oidc.se/scope/naturalPersonNumber";
const PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber";

// Test persons (Skatteverket's test personal identity numbers) and one staff member per role.
const ACCOUNTS = {
  anna: { acr: LOA3, claims: { name: "Anna Andersson", [PNR_CLAIM]: "199001012385" } },
  bertil: { acr: LOA3, claims: { name: "Bertil Berg", [PNR_CLAIM]: "198112289874" } },
  // Signed in with a weaker e-ID than a vote needs.
  svag: { acr: LOA2, claims: { name: "Svea Svag", [PNR_CLAIM]: "197802022389" } },
  handlaggare: { claims: { name: "Hanna Handläggare", email: "hanna@kommun.example", groups: ["kvalitet-synpunkter"] } },
  moderator: { claims: { name: "Mats Moderator", email: "mats@kommun.example", groups: ["kvalitet-moderator"] } },
  granskare: { claims: { name: "Gun Granskare", email: "gun@kommun.example", groups: ["kvalitet-namnd"] } },
  strateg: { claims: { name: "Stina Strateg", email: "stina@kommun.example", groups: ["kvalitet-strateg"] } },
  redaktor: { claims: { name: "Rut Redaktör", email: "rut@kommun.example", groups: ["kvalitet-redaktor"] } },
  jury: { claims: { name: "Jan Jury", email: "jan@kommun.example", groups: ["kvalitet-jury"] } },
  // In the municipality's directory, but in no group this service knows.
  utan: { claims: { name: "Ulla Utan", email: "ulla@kommun.example", groups: ["ekonomi"] } },
};

const residentRedirect = `${rp}/inloggning/e-legitimation/svar/`;
const staffRedirect = `${rp}/inloggning/personal/svar/`;

const clients = [
  {
    client_id: "kvalitet-invanare",
    client_secret: "invanare-hemlighet",
    redirect_uris: [residentRedirect],
    grant_types: ["authorization_code"],
    response_types: ["code"],
  },
  {
    // Another service of the municipality, registered with the same broker.
    client_id: "annan-tjanst",
    client_secret: "annan-hemlighet",
    redirect_uris: [residentRedirect],
    grant_types: ["authorization_code"],
    response_types: ["code"],
  },
  {
    client_id: "kvalitet-personal",
    client_secret: "personal-hemlighet",
    redirect_uris: [staffRedirect],
    post_logout_redirect_uris: [`${rp}/admin/login/`],
    grant_types: ["authorization_code"],
    response_types: ["code"],
  },
];

let clockOffset = 0;
const realNow = Date.now;
Date.now = () => realNow() + clockOffset * 1000;

const provider = new Provider(issuer, {
  clients,
  pkce: { required: () => true },
  // Short-lived ID tokens, as brokers issue them; a clock ten minutes behind issues expired ones.
  ttl: { IdToken: 60 },
  acrValues: [LOA2, LOA3],
  claims: {
    openid: ["sub"],
    profile: ["name"],
    email: ["email"],
    groups: ["groups"],
    [PNR_SCOPE]: [PNR_CLAIM],
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  cookies: { keys: ["test-provider-cookie-key"] },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...account.claims }; } };
  },
  async loadExistingGrant(ctx) {
    const { client, session } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(`openid profile email groups ${PNR_SCOPE}`);
    await grant.save();
    return grant;
  },
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => { data += chunk; });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

provider.use(async (ctx, next) => {
  if (ctx.method === "POST" && ctx.path === "/_test/clock") {
    clockOffset = Number(JSON.parse(await readBody(ctx.req)).offset) || 0;
    ctx.body = { offset: clockOffset };
    return;
  }
  // The development login form, with each account's own level of assurance.
  if (ctx.method === "POST" && /^\/interaction\/[^/]+$/.test(ctx.path)) {
    const form = new URLSearchParams(await readBody(ctx.req));
    const accountId = form.get("login");
    const account = ACCOUNTS[accountId];
    if (!account) {
      ctx.status = 400;
      ctx.type = "html";
      ctx.body = "<p>No such test account. Go back and try another.</p>";
      return;
    }
    await provider.interactionFinished(ctx.req, ctx.res, {
      login: { accountId, acr: account.acr },
    }, { mergeWithLastSubmission: false });
    return;
  }
  await next();
});

provider.listen(port, "127.0.0.1", () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
