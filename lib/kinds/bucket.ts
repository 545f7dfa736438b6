/** An object store bucket: S3 bucket, GCS bucket, Azure blob container. */
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { arnService } from './aws-arns';
import { azurermSource, RESOURCE_GROUP, resourceGroupId } from './azure-parents';
import { defineKind } from './kind';
import type { AzureAuditedResource, AzurePlace, Fields } from './kind';
import { nameRule } from './name-rule';

/** S3 bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
export const S3_BUCKET_NAME = /^(?!xn--)(?!sthree-|amzn-s3-demo-)(?!.*\.\.)(?!.*(?:-s3alias|--ol-s3|--x-s3|--table-s3|\.mrap)$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const isS3 = (arn: string) => arnService(arn) === 's3';
const BLOBS = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const blobService = (f: Fields, a: AzurePlace) => `${resourceGroupId(f, a)}/providers/Microsoft.Storage/storageAccounts/${f.storageAccount}/blobServices/default`;

const STORAGE: AzureAuditedResource = {
  kind: 'storage',
  id: blobService,
  name: (f) => f.storageAccount,
  logs: ['StorageRead', 'StorageWrite', 'StorageDelete'].map((category) => ({ category })),
};

export const bucket = defineKind({
  description: 'an object store bucket (S3 bucket, GCS bucket, Azure blob container)',
  levels: {
    read: { means: 'get and list objects', mutates: false },
    write: { means: 'create and overwrite objects', mutates: true },
    delete: { means: 'delete objects', mutates: true },
  },
  aws: {
    naming: {
      required: { bucket: nameRule(S3_BUCKET_NAME, 'S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html') },
    },
    targets: {
      bucket: { arn: (f) => `arn:aws:s3:::${f.bucket}`, parse: (arn) => (isS3(arn) && !arn.endsWith('/*') ? arn : undefined) },
      objects: { arn: (f) => `arn:aws:s3:::${f.bucket}/*`, parse: (arn) => (isS3(arn) && arn.endsWith('/*') ? arn.slice(0, -2) : undefined) },
    },
    grants: {
      read: [
        { actions: ['s3:GetObject'], on: 'objects' },
        { actions: ['s3:ListBucket'], on: 'bucket' },
      ],
      write: [{ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], on: 'objects' }],
      delete: [{ actions: ['s3:DeleteObject'], on: 'objects' }],
    },
    dataEvents: { selectorName: 'Objects of granted buckets', type: 'AWS::S3::Object', base: () => 'arn:aws:s3:::', value: (f) => `arn:aws:s3:::${f.bucket}/`, match: 'startsWith' },
  },
  gcp: {
    naming: {
      // 3-63 characters, or up to 222 with dots, each dot-separated part at most 63; not an IP address; no goog prefix,
      // no "google" (close misspellings of it are refused too, and are not listed). The provider checks none of it
      // (terraform-provider-google v6.50.0 google/services/storage/resource_storage_bucket.go:85-90).
      required: {
        bucket: nameRule(
          /^(?!goog)(?!.*google)(?!\d+\.\d+\.\d+\.\d+$)(?!.*\.\.)(?!.*[^.]{64})(?=.{3,222}$)[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/,
          'GCS bucket name (3-63 lowercase letters, digits, dots, hyphens, underscores; up to 222 with dots)',
          'https://cloud.google.com/storage/docs/buckets#naming',
        ),
      },
    },
    targets: {
      bucket: {
        member: StorageBucketIamMember,
        props: (f) => ({ bucket: f.bucket }),
        attribute: 'bucket',
        noun: 'bucket',
        policy: (f) => f.bucket,
        fieldsOf: (name) => ({ bucket: name }),
      },
    },
    grants: {
      read: { role: 'roles/storage.objectViewer', on: 'bucket' },
      write: { role: 'roles/storage.objectCreator', on: 'bucket' },
      delete: { custom: { id: 'objectDeleter', title: 'Object deleter', permissions: ['storage.objects.delete'] }, on: 'bucket' },
    },
    audit: {
      service: 'storage.googleapis.com',
      resourceTypes: ['gcs_bucket'],
      logTypes: ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'],
      source: 'google/skills skills/cloud/cloud-logging-query-generation/references/query_cloud_storage.md ("All GCS logs are bound to the bucket resource type")',
      evidence: 'documented',
    },
  },
  azure: {
    naming: {
      required: {
        storageAccount: nameRule(/^[a-z0-9]{3,24}$/, 'Azure storage account name (3-24 lowercase letters and digits)', azurermSource('storage/validate/storage_account_name.go:14')),
        // The provider checks 3-63 [0-9a-z-] not starting with - (storage_container.go:18-28); Azure also refuses a
        // trailing hyphen and two in a row.
        container: nameRule(
          /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
          'Azure blob container name (3-63 lowercase letters, digits, single hyphens)',
          'https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata#container-names',
        ),
      },
      optional: RESOURCE_GROUP,
    },
    targets: {
      container: { scope: (f, a) => `${blobService(f, a)}/containers/${f.container}`, matches: /\/containers\/[^/]+$/ },
    },
    grants: {
      read: { role: 'Storage Blob Data Reader', at: 'container' },
      write: {
        custom: { name: 'blob writer', description: 'Create and overwrite blobs', dataActions: [`${BLOBS}/write`, `${BLOBS}/add/action`] },
        at: 'container',
      },
      delete: { custom: { name: 'blob deleter', description: 'Delete blobs', dataActions: [`${BLOBS}/delete`] }, at: 'container' },
    },
    audit: STORAGE,
  },
});
