/**
 * The security community's published lists of dangerous IAM actions, as data: privilege
 * escalation paths, credential-returning actions, resource exposure and account weakening,
 * and data exfiltration reads. Each table cites where it comes from; the rules read these
 * tables and iam-data (access levels), never a list of their own.
 */

/** A published privilege escalation path: every action a principal needs to complete it. */
export interface EscalationPath {
  /** pathfinding.cloud id (`lambda-001`), or the cloudsplaining / Rhino method name where pathfinding has none. */
  readonly id: string;
  /**
   * `new-passrole`: passes an existing role to a new resource; `existing-passrole`: takes over a
   * resource that already runs with a role; `principal-access`/`self-escalation`: IAM writes.
   */
  readonly category: 'new-passrole' | 'existing-passrole' | 'principal-access' | 'self-escalation';
  /** Lower-case `service:action`; the first is the one that chooses which resource (role, function, instance) is taken over. */
  readonly actions: readonly string[];
}

/**
 * pathfinding.cloud's 66 paths (DataDog/pathfinding.cloud, as carried by salesforce/cloudsplaining
 * in research/pathfinding-cloud/pathfinding-paths-catalog.yaml, commit 5012eab), which include
 * Rhino Security Labs' 21 methods (cloudsplaining/shared/constants.py PRIVILEGE_ESCALATION_METHODS,
 * duo-labs/parliament parliament/community_auditors/privilege_escalation.py); plus the Rhino
 * methods pathfinding folds into others.
 */
export const ESCALATION_PATHS: readonly EscalationPath[] = [
  { id: 'apprunner-001', category: 'new-passrole', actions: ['iam:passrole', 'apprunner:createservice'] },
  { id: 'apprunner-002', category: 'existing-passrole', actions: ['apprunner:updateservice'] },
  { id: 'bedrock-001', category: 'new-passrole', actions: ['iam:passrole', 'bedrock-agentcore:createcodeinterpreter', 'bedrock-agentcore:startcodeinterpretersession', 'bedrock-agentcore:invokecodeinterpreter'] },
  { id: 'bedrock-002', category: 'existing-passrole', actions: ['bedrock-agentcore:startcodeinterpretersession', 'bedrock-agentcore:invokecodeinterpreter'] },
  { id: 'cloudformation-001', category: 'new-passrole', actions: ['iam:passrole', 'cloudformation:createstack'] },
  { id: 'cloudformation-002', category: 'existing-passrole', actions: ['cloudformation:updatestack'] },
  { id: 'cloudformation-003', category: 'new-passrole', actions: ['iam:passrole', 'cloudformation:createstackset', 'cloudformation:createstackinstances'] },
  { id: 'cloudformation-004', category: 'new-passrole', actions: ['iam:passrole', 'cloudformation:updatestackset'] },
  { id: 'cloudformation-005', category: 'existing-passrole', actions: ['cloudformation:createchangeset', 'cloudformation:executechangeset'] },
  { id: 'codebuild-001', category: 'new-passrole', actions: ['iam:passrole', 'codebuild:createproject', 'codebuild:startbuild'] },
  { id: 'codebuild-002', category: 'existing-passrole', actions: ['codebuild:startbuild'] },
  { id: 'codebuild-003', category: 'existing-passrole', actions: ['codebuild:startbuildbatch'] },
  { id: 'codebuild-004', category: 'new-passrole', actions: ['iam:passrole', 'codebuild:createproject', 'codebuild:startbuildbatch'] },
  { id: 'datapipeline-001', category: 'new-passrole', actions: ['iam:passrole', 'datapipeline:createpipeline', 'datapipeline:putpipelinedefinition', 'datapipeline:activatepipeline'] },
  { id: 'ec2-001', category: 'new-passrole', actions: ['iam:passrole', 'ec2:runinstances'] },
  { id: 'ec2-002', category: 'existing-passrole', actions: ['ec2:modifyinstanceattribute', 'ec2:stopinstances', 'ec2:startinstances'] },
  { id: 'ec2-003', category: 'new-passrole', actions: ['iam:passrole', 'ec2:requestspotinstances'] },
  { id: 'ec2-004', category: 'existing-passrole', actions: ['ec2:createlaunchtemplateversion', 'ec2:modifylaunchtemplate'] },
  { id: 'ec2instanceconnect-003', category: 'existing-passrole', actions: ['ec2-instance-connect:sendsshpublickey', 'ec2:describeinstances'] },
  { id: 'ecs-001', category: 'new-passrole', actions: ['iam:passrole', 'ecs:createcluster', 'ecs:registertaskdefinition', 'ecs:createservice'] },
  { id: 'ecs-002', category: 'new-passrole', actions: ['iam:passrole', 'ecs:createcluster', 'ecs:registertaskdefinition', 'ecs:runtask'] },
  { id: 'ecs-003', category: 'new-passrole', actions: ['iam:passrole', 'ecs:registertaskdefinition', 'ecs:createservice'] },
  { id: 'ecs-004', category: 'new-passrole', actions: ['iam:passrole', 'ecs:registertaskdefinition', 'ecs:runtask'] },
  { id: 'ecs-005', category: 'new-passrole', actions: ['iam:passrole', 'ecs:registertaskdefinition', 'ecs:starttask'] },
  { id: 'ecs-006', category: 'existing-passrole', actions: ['ecs:executecommand', 'ecs:describetasks'] },
  { id: 'glue-001', category: 'new-passrole', actions: ['iam:passrole', 'glue:createdevendpoint'] },
  { id: 'glue-002', category: 'existing-passrole', actions: ['glue:updatedevendpoint'] },
  { id: 'glue-003', category: 'new-passrole', actions: ['iam:passrole', 'glue:createjob', 'glue:startjobrun'] },
  { id: 'glue-004', category: 'new-passrole', actions: ['iam:passrole', 'glue:createjob', 'glue:createtrigger'] },
  { id: 'glue-005', category: 'new-passrole', actions: ['iam:passrole', 'glue:updatejob', 'glue:startjobrun'] },
  { id: 'glue-006', category: 'new-passrole', actions: ['iam:passrole', 'glue:updatejob', 'glue:createtrigger'] },
  { id: 'iam-001', category: 'self-escalation', actions: ['iam:createpolicyversion'] },
  { id: 'iam-002', category: 'principal-access', actions: ['iam:createaccesskey'] },
  { id: 'iam-003', category: 'principal-access', actions: ['iam:createaccesskey', 'iam:deleteaccesskey'] },
  { id: 'iam-004', category: 'principal-access', actions: ['iam:createloginprofile'] },
  { id: 'iam-005', category: 'self-escalation', actions: ['iam:putrolepolicy'] },
  { id: 'iam-006', category: 'principal-access', actions: ['iam:updateloginprofile'] },
  { id: 'iam-007', category: 'self-escalation', actions: ['iam:putuserpolicy'] },
  { id: 'iam-008', category: 'self-escalation', actions: ['iam:attachuserpolicy'] },
  { id: 'iam-009', category: 'self-escalation', actions: ['iam:attachrolepolicy'] },
  { id: 'iam-010', category: 'self-escalation', actions: ['iam:attachgrouppolicy'] },
  { id: 'iam-011', category: 'self-escalation', actions: ['iam:putgrouppolicy'] },
  { id: 'iam-012', category: 'principal-access', actions: ['iam:updateassumerolepolicy'] },
  { id: 'iam-013', category: 'self-escalation', actions: ['iam:addusertogroup'] },
  { id: 'iam-014', category: 'principal-access', actions: ['iam:attachrolepolicy', 'sts:assumerole'] },
  { id: 'iam-015', category: 'principal-access', actions: ['iam:attachuserpolicy', 'iam:createaccesskey'] },
  { id: 'iam-016', category: 'principal-access', actions: ['iam:createpolicyversion', 'sts:assumerole'] },
  { id: 'iam-017', category: 'principal-access', actions: ['iam:putrolepolicy', 'sts:assumerole'] },
  { id: 'iam-018', category: 'principal-access', actions: ['iam:putuserpolicy', 'iam:createaccesskey'] },
  { id: 'iam-019', category: 'principal-access', actions: ['iam:attachrolepolicy', 'iam:updateassumerolepolicy'] },
  { id: 'iam-020', category: 'principal-access', actions: ['iam:createpolicyversion', 'iam:updateassumerolepolicy'] },
  { id: 'iam-021', category: 'principal-access', actions: ['iam:putrolepolicy', 'iam:updateassumerolepolicy'] },
  { id: 'lambda-001', category: 'new-passrole', actions: ['iam:passrole', 'lambda:createfunction', 'lambda:invokefunction'] },
  { id: 'lambda-002', category: 'new-passrole', actions: ['iam:passrole', 'lambda:createfunction', 'lambda:createeventsourcemapping'] },
  { id: 'lambda-003', category: 'existing-passrole', actions: ['lambda:updatefunctioncode'] },
  { id: 'lambda-004', category: 'existing-passrole', actions: ['lambda:updatefunctioncode', 'lambda:invokefunction'] },
  { id: 'lambda-005', category: 'existing-passrole', actions: ['lambda:updatefunctioncode', 'lambda:addpermission'] },
  { id: 'lambda-006', category: 'new-passrole', actions: ['iam:passrole', 'lambda:createfunction', 'lambda:addpermission'] },
  { id: 'sagemaker-001', category: 'new-passrole', actions: ['iam:passrole', 'sagemaker:createnotebookinstance'] },
  { id: 'sagemaker-002', category: 'new-passrole', actions: ['iam:passrole', 'sagemaker:createtrainingjob'] },
  { id: 'sagemaker-003', category: 'new-passrole', actions: ['iam:passrole', 'sagemaker:createprocessingjob'] },
  { id: 'sagemaker-004', category: 'existing-passrole', actions: ['sagemaker:createpresignednotebookinstanceurl'] },
  { id: 'sagemaker-005', category: 'existing-passrole', actions: ['sagemaker:updatenotebookinstance', 'sagemaker:createnotebookinstancelifecycleconfig', 'sagemaker:stopnotebookinstance', 'sagemaker:startnotebookinstance'] },
  { id: 'ssm-001', category: 'existing-passrole', actions: ['ssm:startsession'] },
  { id: 'ssm-002', category: 'existing-passrole', actions: ['ssm:sendcommand'] },
  { id: 'sts-001', category: 'principal-access', actions: ['sts:assumerole'] },
  // Rhino / cloudsplaining methods pathfinding.cloud folds into the paths above.
  { id: 'SetExistingDefaultPolicyVersion', category: 'self-escalation', actions: ['iam:setdefaultpolicyversion'] },
  { id: 'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo', category: 'new-passrole', actions: ['iam:passrole', 'lambda:createfunction', 'lambda:createeventsourcemapping', 'dynamodb:createtable', 'dynamodb:putitem'] },
];

/**
 * Actions that take over another principal or resource (its role, its credentials, its code)
 * when allowed on more than one named resource: the first action of every `existing-passrole`
 * path, `iam:PassRole` and `sts:AssumeRole`, and the takeover steps pathfinding.cloud lists
 * second (ExecuteChangeSet, UpdateNotebookInstance, ModifyLaunchTemplate); plus the sibling
 * actions that reach the same shell (ssm:ResumeSession, EC2 serial console keys, lambda
 * configuration and layers: HackTricks' AWS privilege escalation pages).
 */
export const TAKEOVER_ACTIONS: ReadonlySet<string> = new Set([
  'iam:passrole',
  'sts:assumerole',
  ...ESCALATION_PATHS.filter((p) => p.category === 'existing-passrole').map((p) => p.actions[0]),
  'cloudformation:executechangeset',
  'ec2:modifylaunchtemplate',
  'ssm:resumesession',
  'ec2-instance-connect:sendserialconsolesshpublickey',
  'lambda:updatefunctionconfiguration',
  'glue:updatejob',
  'sagemaker:createpresigneddomainurl',
]);

/**
 * IAM writes that escalate on any resource, named or not: writing policies, creating
 * principals or their credentials, changing trusts and boundaries (every `self-escalation` and
 * `principal-access` path above, Bishop Fox's five vectors as parliament groups them).
 */
export const IAM_ESCALATING: readonly RegExp[] = [
  /^iam:Create/i,
  /^iam:Put\w*Policy$/i,
  /^iam:Attach\w*Policy$/i,
  /^iam:SetDefaultPolicyVersion$/i,
  /^iam:UpdateAssumeRolePolicy$/i,
  /^iam:UpdateLoginProfile$/i,
  /^iam:AddUserToGroup$/i,
  /^iam:AddRoleToInstanceProfile$/i,
  /^iam:(Put|Delete)\w*PermissionsBoundary$/i,
  /^iam:UpdateAccessKey$/i,
  /^iam:ResetServiceSpecificCredential$/i,
  /^iam:Upload(SSHPublicKey|SigningCertificate)$/i,
];

/**
 * Actions whose response is a credential (cloudsplaining ACTIONS_THAT_RETURN_CREDENTIALS in
 * cloudsplaining/shared/constants.py, from kmcquade's gist; parliament
 * community_auditors/credentials_exposure.py). The IAM and STS ones are escalation (above).
 */
export const CREDENTIAL_ACTIONS: ReadonlySet<string> = new Set([
  'airflow:createclitoken',
  'airflow:createweblogintoken',
  'appsync:createapikey',
  'chime:createapikey',
  'cloud9:createenvironmenttoken',
  'codeartifact:getauthorizationtoken',
  'codepipeline:pollforjobs',
  'cognito-identity:getopenidtoken',
  'cognito-identity:getopenidtokenfordeveloperidentity',
  'cognito-identity:getcredentialsforidentity',
  'cognito-idp:associatesoftwaretoken',
  'cognito-idp:describeuserpoolclient',
  'cognito-idp:getsigningcertificate',
  'connect:getfederationtoken',
  'connect:getfederationtokens',
  'ec2:getpassworddata',
  'ecr:getauthorizationtoken',
  'ecr-public:getauthorizationtoken',
  'emr-containers:getmanagedendpointsessioncredentials',
  'finspace-api:getprogrammaticaccesscredentials',
  'gamelift:requestuploadcredentials',
  'gamelift:getinstanceaccess',
  'gamelift:getcomputeaccess',
  'gamelift:getcomputeauthtoken',
  'grafana:createworkspaceapikey',
  'iot:assumerolewithcertificate',
  'license-manager:getaccesstoken',
  'lightsail:getinstanceaccessdetails',
  'lightsail:downloaddefaultkeypair',
  'lightsail:createbucketaccesskey',
  'lightsail:getrelationaldatabasemasteruserpassword',
  'mediapackage:rotatechannelcredentials',
  'mediapackage:rotateingestendpointcredentials',
  'rds-db:connect',
  'redshift:getclustercredentials',
  'redshift:getclustercredentialswithiam',
  'redshift-serverless:getcredentials',
  'sso:getrolecredentials',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:getfederationtoken',
  'sts:getsessiontoken',
]);

/**
 * Actions that weaken the whole account or share data out of it, whatever the access level
 * iam-data gives them (cloudsplaining's resource exposure and parliament's permissions
 * management cover the rest through the "Permissions management" access level): snapshot and
 * image sharing, account-wide public access and encryption defaults, the password policy,
 * leaving the organization, and switching off the account's detective controls.
 */
export const ACCOUNT_WEAKENING: ReadonlySet<string> = new Set([
  'ec2:modifysnapshotattribute',
  'ec2:modifyimageattribute',
  'ec2:modifyfpgaimageattribute',
  'rds:modifydbsnapshotattribute',
  'rds:modifydbclustersnapshotattribute',
  's3:putaccountpublicaccessblock',
  's3:deleteaccountpublicaccessblock',
  's3:putbucketpublicaccessblock',
  's3:deletebucketpublicaccessblock',
  'ec2:disableebsencryptionbydefault',
  'ec2:disableimageblockpublicaccess',
  'ec2:disablesnapshotblockpublicaccess',
  'iam:updateaccountpasswordpolicy',
  'iam:deleteaccountpasswordpolicy',
  'organizations:leaveorganization',
  'guardduty:deletedetector',
  'guardduty:disassociatefrommasteraccount',
  'guardduty:disassociatefromadministratoraccount',
  'securityhub:disablesecurityhub',
  'config:stopconfigurationrecorder',
  'config:deleteconfigurationrecorder',
  'config:deletedeliverychannel',
  'access-analyzer:deleteanalyzer',
]);

/**
 * Reads that exfiltrate data when allowed on every resource of their type (cloudsplaining
 * READ_ONLY_DATA_EXFILTRATION_ACTIONS and its DataExfiltration definition, which adds the RDS
 * snapshot copies). cloudsplaining rates them medium: a warning here.
 */
export const EXFILTRATION_ACTIONS: ReadonlySet<string> = new Set([
  's3:getobject',
  's3:getobjectversion',
  'ssm:getparameter',
  'ssm:getparameters',
  'ssm:getparametersbypath',
  'secretsmanager:getsecretvalue',
  'rds:copydbsnapshot',
  'rds:createdbsnapshot',
]);
