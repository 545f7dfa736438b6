/** The audiences clouds expect by default in the tokens they exchange. */

/** What Microsoft Entra expects in a federated token (a federated identity credential's default). */
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';
/** What AWS STS expects in a web identity token, by convention of its issuers. */
export const AWS_STS_AUDIENCE = 'sts.amazonaws.com';
